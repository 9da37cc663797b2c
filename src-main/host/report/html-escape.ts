/**
 * Text into HTML: every string that reaches the report (strategy names, parameters, data
 * sources are user text) goes through escapeHtml, so none can open a tag or leave an attribute.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
