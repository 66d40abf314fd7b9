import { readZip } from './read-zip';

/** A .docx opened as tests read it: each part's XML, and the document's paragraphs as plain text. */
export interface OpenedDocx {
  parts: Map<string, string>;
  documentXml: string;
  /** Every paragraph's text in order (tables included, cell by cell). */
  paragraphs: string[];
  /** The text of all headers, by part name ("word/header1.xml"). */
  headers: Map<string, string>;
  /** Per section (in order), the header part its default header points to, or undefined. */
  sectionHeaders: Array<string | undefined>;
}

const decode = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function paragraphTexts(xml: string): string[] {
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((m) => (m[0] === '<w:br/>' ? '\n' : decode(m[1] ?? ''))).join(''))
    .filter((t) => t !== '');
}

export function openDocx(bytes: Buffer): OpenedDocx {
  const parts = new Map(readZip(bytes).map((e) => [e.name, e.data.toString('utf8')]));
  const documentXml = parts.get('word/document.xml');
  if (documentXml === undefined) throw new Error('no word/document.xml');
  const rels = parts.get('word/_rels/document.xml.rels') ?? '';
  const target = new Map([...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, `word/${m[2]!}`]));
  const headers = new Map([...parts].filter(([name]) => /^word\/header\d+\.xml$/.test(name)).map(([name, xml]) => [name, paragraphTexts(xml).join('\n')]));
  const sectionHeaders = [...documentXml.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => {
    const ref = /<w:headerReference [^>]*w:type="default"[^>]*r:id="([^"]+)"|<w:headerReference [^>]*r:id="([^"]+)"[^>]*w:type="default"/.exec(m[0]);
    const id = ref?.[1] ?? ref?.[2];
    return id === undefined ? undefined : target.get(id);
  });
  return { parts, documentXml, paragraphs: paragraphTexts(documentXml), headers, sectionHeaders };
}

/** The document split at its section breaks: each section's paragraphs (a section ends with the paragraph that carries its w:sectPr). */
export function sectionParagraphs(documentXml: string): string[][] {
  const sections: string[][] = [[]];
  for (const chunk of documentXml.split('</w:p>')) {
    const t = paragraphTexts(`${chunk}</w:p>`);
    sections[sections.length - 1]!.push(...t);
    if (chunk.includes('<w:sectPr') && chunk.lastIndexOf('<w:p>') < chunk.indexOf('<w:sectPr') && /<w:p[ >]/.test(chunk)) sections.push([]);
  }
  if (sections[sections.length - 1]!.length === 0) sections.pop();
  return sections;
}

/** Every table of the document: rows of cells, each cell's paragraphs joined by "\n". */
export function docxTables(documentXml: string): string[][][] {
  return [...documentXml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => paragraphTexts(c[1]!).join('\n'))),
  );
}
