/**
 * Nudge emails over SMTP with nodemailer. Each email carries a Message-ID derived from the nudge
 * id alone, so the one resend delivery may make after a crash (see deliveryJournal.ts) has the
 * same Message-ID as the first try: mail servers and clients that dedupe on it show one email.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailSettings } from './deliverySettings.js';
import type { Attempt } from './retry.js';

export interface NudgeEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  nudgeId: string;
}

export function messageIdFor(nudgeId: string, settings: EmailSettings): string {
  return `<${nudgeId.replace(/[^A-Za-z0-9.\-_]/g, '-')}.nudge@${settings.messageIdDomain}>`;
}

export class EmailSender {
  private readonly transport: Transporter;

  constructor(private readonly settings: EmailSettings) {
    this.transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...(settings.auth ? { auth: settings.auth } : {}),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  }

  async send(email: NudgeEmail): Promise<Attempt> {
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        headers: { 'X-Tandem-Nudge': email.nudgeId },
      });
      return { ok: true };
    } catch (error) {
      const smtp = error as { responseCode?: number; code?: string };
      // RFC 5321 §4.2.1: 4yz is a transient failure, 5yz a permanent one; no reply at all is a network problem.
      const code = smtp.responseCode;
      const transient = code === undefined ? smtp.code !== 'EAUTH' && smtp.code !== 'EENVELOPE' : code < 500;
      return { ok: false, transient, reason: code !== undefined ? `SMTP ${code}` : (smtp.code ?? 'SMTP connection failed') };
    }
  }

  close(): void {
    this.transport.close();
  }
}
