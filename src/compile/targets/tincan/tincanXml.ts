/**
 * tincan.xml, the Tin Can package descriptor (Rustici's tincan.xsd, namespace
 * http://projecttincan.com/tincan.xsd): one launchable activity, the lesson, and the activities its
 * statements name, so an LRS or player that imports the package knows them before the first
 * statement: the objective and each question with its interaction definition.
 */
import type { Activity, InteractionComponent } from '@xapi/xapi';
import { buildXml } from '../../package/xmlBuilder.js';
import type { XapiPlan } from '../../../runtime/contract/xapiPlan.js';

export const TINCAN_NAMESPACE = 'http://projecttincan.com/tincan.xsd';


/** `launch` is the lesson page, relative to tincan.xml. */
export function buildTincanXml(plan: XapiPlan, launch: string): string {
  const lang = plan.language;
  const described = (a: Activity) => ({
    '@_id': a.id,
    '@_type': a.definition?.type ?? '',
    name: { '@_lang': lang, '#text': a.definition?.name?.[lang] ?? a.id },
    ...(a.definition?.description?.[lang] ? { description: { '@_lang': lang, '#text': a.definition.description[lang] } } : {}),
  });
  const components = (list: InteractionComponent[] | undefined) =>
    list?.length ? { component: list.map((c) => ({ id: c.id, description: { '@_lang': lang, '#text': c.description?.[lang] ?? c.id } })) } : undefined;
  const questions = Object.values(plan.questions).map((q) => {
    const d = q.definition;
    return {
      ...described(q),
      interactionType: d.interactionType,
      correctResponsePatterns: { correctResponsePattern: d.correctResponsesPattern ?? [] },
      ...('choices' in d && d.choices ? { choices: components(d.choices) } : {}),
    };
  });
  const tincan = {
    '@_xmlns': TINCAN_NAMESPACE,
    activities: {
      activity: [{ ...described(plan.lesson), launch: { '@_lang': lang, '#text': launch } }, described(plan.objective), ...questions],
    },
  };
  return buildXml('tincan.xml', { tincan });
}
