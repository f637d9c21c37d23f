/** DOM ids of the generic form, shared by the renderer and the error summary's links. */

/** `aideAuPoste` → `champ-aideAuPoste`. */
export function fieldId(name: string): string {
  return `champ-${name}`;
}

/** A JSON pointer of the HTTP contract (`/aideAuPoste`) → the field's DOM id; '' for the root. */
export function fieldIdFromPath(path: string): string {
  const name = path.replace(/^\//, '').replace(/\//g, '-');
  return name ? fieldId(name) : '';
}

/** `/aideAuPoste` → `aideAuPoste`. */
export function fieldNameFromPath(path: string): string {
  return path.replace(/^\//, '').replace(/\//g, '-');
}
