/**
 * imsmanifest.xml for a SCORM 1.2 package (SCORM 1.2 CAM section 2; IMS Content Packaging 1.1.2),
 * valid against imscp_rootv1p1p2, adlcp_rootv1p2 and imsmd_rootv1p2p1:
 * - metadata says schema "ADL SCORM", version 1.2, with LOM title, language, description and the
 *   objective ids as keywords (so a catalogue search finds the unit by objective);
 * - one organization; one item and one SCO resource per unit, in path order;
 * - each item carries adlcp:masteryscore (when the lesson is scored) and the objective id in
 *   adlcp:datafromlms (the SCO can read it back as cmi.launch_data);
 * - every file of the package is listed under the resource that uses it; the player files form
 *   one shared asset resource that each SCO depends on.
 */
import { buildXml } from '../../package/xmlBuilder.js';
import { itemIdentifier, manifestIdentifier, organizationIdentifier, playerResourceIdentifier, resourceIdentifier } from './identifiers.js';
import { launchPage } from './packageLayout.js';

export interface ManifestSco {
  unitId: string;
  title: string;
  objectiveId: string;
  objectiveStatement: string;
  /** 0–100; undefined for a completion-only lesson. */
  masteryScore?: number;
  /** Files of this SCO, relative to the package root, launch page included. */
  files: string[];
}

export interface ManifestInput {
  courseId: string;
  subject: { unitId: string } | { pathId: string };
  title: string;
  language: string;
  /** Unit version for a unit package; omitted when longer than the 20 characters IMS CP allows. */
  version?: string;
  scos: ManifestSco[];
  /** Shared player files, relative to the package root. */
  playerFiles: string[];
}

const NAMESPACES = {
  '@_xmlns': 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
  '@_xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
  '@_xmlns:imsmd': 'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1',
  '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  '@_xsi:schemaLocation':
    'http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd ' +
    'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd ' +
    'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd',
};


export function buildManifest(input: ManifestInput): string {
  const { courseId, scos } = input;
  const organization = organizationIdentifier(courseId, input.subject);
  const player = playerResourceIdentifier(courseId);
  const langstring = (text: string) => ({ 'imsmd:langstring': { '@_xml:lang': input.language, '#text': text } });
  const description =
    'unitId' in input.subject ? scos[0]!.objectiveStatement : scos.map((s) => `${s.title}: ${s.objectiveStatement}`).join('\n');

  const manifest = {
    '@_identifier': manifestIdentifier(courseId, input.subject),
    ...(input.version && input.version.length <= 20 ? { '@_version': input.version } : {}),
    ...NAMESPACES,
    metadata: {
      schema: 'ADL SCORM',
      schemaversion: '1.2',
      'imsmd:lom': {
        'imsmd:general': {
          'imsmd:title': langstring(input.title),
          'imsmd:language': input.language,
          'imsmd:description': langstring(description),
          'imsmd:keyword': scos.map((s) => langstring(s.objectiveId)),
        },
      },
    },
    organizations: {
      '@_default': organization,
      organization: {
        '@_identifier': organization,
        title: input.title,
        item: scos.map((sco) => ({
          '@_identifier': itemIdentifier(courseId, sco.unitId),
          '@_identifierref': resourceIdentifier(courseId, sco.unitId),
          '@_isvisible': 'true',
          title: sco.title,
          // adlcp elements in the order of the ADL sample manifests: datafromlms, then masteryscore.
          'adlcp:datafromlms': sco.objectiveId,
          ...(sco.masteryScore === undefined ? {} : { 'adlcp:masteryscore': String(sco.masteryScore) }),
        })),
      },
    },
    resources: {
      resource: [
        ...scos.map((sco) => ({
          '@_identifier': resourceIdentifier(courseId, sco.unitId),
          '@_type': 'webcontent',
          '@_adlcp:scormtype': 'sco',
          '@_href': launchPage(sco.unitId),
          file: [...sco.files].sort().map((href) => ({ '@_href': href })),
          dependency: { '@_identifierref': player },
        })),
        {
          '@_identifier': player,
          '@_type': 'webcontent',
          '@_adlcp:scormtype': 'asset',
          file: [...input.playerFiles].sort().map((href) => ({ '@_href': href })),
        },
      ],
    },
  };
  return buildXml('imsmanifest.xml', { manifest });
}
