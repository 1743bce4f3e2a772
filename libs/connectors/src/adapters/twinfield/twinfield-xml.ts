import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/** Attribute keys are '@_name'; values stay strings, so codes like '001' keep their zeros. */
export const twinfieldXmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  trimValues: true,
});

export const twinfieldXmlBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  // Twinfield wants default="true", not a bare attribute.
  suppressBooleanAttributes: false,
});

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
