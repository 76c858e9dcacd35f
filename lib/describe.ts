/**
 * Describes a value for an error message: its kind, and its value when short.
 * native/binding/args.cc `describe` words the same kinds the same way.
 */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'number': return `${value}`;
    case 'string': return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'bigint': return `the bigint ${value}n`;
    case 'boolean': return `${value}`;
    case 'symbol': return 'a symbol';
    case 'function': return 'a function';
    default: break;
  }
  if (Array.isArray(value)) return `an Array of length ${value.length}`;
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? withArticle(name) : 'an object';
}

/** "a Float64Array", "an Int32Array". */
function withArticle(noun: string): string {
  // Before a vowel sound: an Int32Array, an AbortController; but a Uint8Array.
  return `${/^[AEIO]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** A list of names for a message: "a", "b", "c" and 4 more (past `limit`). */
export function formatNames(names: readonly string[], limit = 6): string {
  const shown = names.slice(0, limit).map((name) => JSON.stringify(name));
  return names.length > limit ? `${shown.join(', ')} and ${names.length - limit} more` : shown.join(', ');
}
