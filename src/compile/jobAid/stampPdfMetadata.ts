/**
 * Chrome's printToPDF sets only Title (from <title>) and names itself as Creator and Skia as
 * Producer; it cannot set Subject or Keywords. The job aid's PDF must carry its objective ID as
 * Subject and unit id and version as Keywords, so pdf-lib rewrites the Info dictionary and adds the
 * matching XMP packet (PDF/UA-1 §7.1 asks for dc:title in XMP; Acrobat prefers XMP over Info).
 * The dates come from the build's SOURCE_DATE_EPOCH, so a rebuild yields the same metadata.
 */
import { PDFName, type PDFDocument } from 'pdf-lib';

export interface PdfMetadata {
  title: string;
  /** The objective ID. */
  subject: string;
  keywords: string[];
  creator: string;
  /** Added in front of what Chrome wrote as Producer (e.g. "Skia/PDF m156"). */
  producer: string;
  language: string;
  /** Seconds since the epoch. */
  date: number;
}

/** Load the document with `updateMetadata: false`, or pdf-lib stamps itself as Producer and the wall clock as dates. */
export function stampPdfMetadata(doc: PDFDocument, meta: PdfMetadata): void {
  const printedBy = doc.getProducer();
  const producer = printedBy ? `${meta.producer} (${printedBy})` : meta.producer;
  const date = new Date(meta.date * 1000);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(producer);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(meta.language);

  const xmp = new TextEncoder().encode(xmpPacket({ ...meta, producer }, date.toISOString().replace(/\.\d{3}Z$/, 'Z')));
  // XMP must stay uncompressed and unfiltered so tools that scan for the packet find it.
  const stream = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML', Length: xmp.length });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

function xmpPacket(meta: PdfMetadata, isoDate: string): string {
  const x = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${x(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${x(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:subject><rdf:Bag>${meta.keywords.map((k) => `<rdf:li>${x(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>
   <dc:language><rdf:Bag><rdf:li>${x(meta.language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>${x(meta.keywords.join(' '))}</pdf:Keywords>
   <pdf:Producer>${x(meta.producer)}</pdf:Producer>
   <xmp:CreatorTool>${x(meta.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>${isoDate}</xmp:CreateDate>
   <xmp:ModifyDate>${isoDate}</xmp:ModifyDate>
   <xmp:MetadataDate>${isoDate}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
