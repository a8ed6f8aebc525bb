/**
 * Chrome names tagged-PDF structure elements after DOM node ids (`/ID (node00000274)`), a counter
 * of the renderer process: the same job aid printed on a reused page gets other ids, and two builds
 * of one course differ. This renames them in object order (`id000001`, …) everywhere they are
 * used: the element's /ID, table cells' /Headers, and the structure tree's /IDTree, whose keys are
 * re-sorted as PDF 1.7 §7.9.6 requires of name trees.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

const ID = PDFName.of('ID');
const TYPE = PDFName.of('Type');
const STRUCT_ELEM = PDFName.of('StructElem');

export function stabilizeStructureIds(doc: PDFDocument): void {
  const { context } = doc;
  const elements = context
    .enumerateIndirectObjects()
    .sort(([a], [b]) => a.objectNumber - b.objectNumber || a.generationNumber - b.generationNumber)
    .map(([, object]) => object)
    .filter((object): object is PDFDict => object instanceof PDFDict && object.get(TYPE) === STRUCT_ELEM);

  const renamed = new Map<string, string>();
  for (const element of elements) {
    const id = textOf(element.get(ID));
    if (id === undefined) continue;
    const stable = `id${String(renamed.size + 1).padStart(6, '0')}`;
    renamed.set(id, stable);
    element.set(ID, PDFString.of(stable));
  }
  if (renamed.size === 0) return;

  // Table cells point at their header cells by id, in attribute dictionaries under /A.
  const rename = (value: PDFObject | undefined) => {
    const text = textOf(value);
    return text !== undefined && renamed.has(text) ? PDFString.of(renamed.get(text)!) : value;
  };
  for (const element of elements) {
    const attributes = element.lookup(PDFName.of('A'));
    const dicts = attributes instanceof PDFArray ? attributes.asArray().map((a) => context.lookup(a)) : [attributes];
    for (const dict of dicts) {
      const headers = dict instanceof PDFDict ? dict.lookup(PDFName.of('Headers')) : undefined;
      if (!(headers instanceof PDFArray)) continue;
      headers.asArray().forEach((header, i) => headers.set(i, rename(header)!));
    }
  }

  // The id → element name tree: gather every pair, write one sorted leaf in its place.
  const treeRoot = doc.catalog.lookup(PDFName.of('StructTreeRoot'));
  if (!(treeRoot instanceof PDFDict)) return;
  const idTree = treeRoot.lookup(PDFName.of('IDTree'));
  if (!(idTree instanceof PDFDict)) return;
  const pairs: [string, PDFObject][] = [];
  // The old nodes still hold the old ids; pdf-lib writes unreferenced objects too, so drop them.
  const oldNodes: PDFRef[] = [];
  const rootRef = treeRoot.get(PDFName.of('IDTree'));
  if (rootRef instanceof PDFRef) oldNodes.push(rootRef);
  collectNames(idTree, context, pairs);
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const names = context.obj([]);
  for (const [key, value] of pairs) {
    names.push(PDFString.of(key));
    names.push(value);
  }
  treeRoot.set(PDFName.of('IDTree'), context.register(context.obj({ Names: names })));
  for (const ref of oldNodes) context.delete(ref);

  function collectNames(node: PDFDict, ctx: PDFDocument['context'], out: [string, PDFObject][]): void {
    const leaf = node.lookup(PDFName.of('Names'));
    if (leaf instanceof PDFArray) {
      for (let i = 0; i + 1 < leaf.size(); i += 2) {
        const key = textOf(leaf.get(i));
        if (key !== undefined) out.push([renamed.get(key) ?? key, leaf.get(i + 1)]);
      }
    }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) {
      for (const kid of kids.asArray()) {
        if (kid instanceof PDFRef) oldNodes.push(kid);
        const child = ctx.lookup(kid);
        if (child instanceof PDFDict) collectNames(child, ctx, out);
      }
    }
  }
}

function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}
