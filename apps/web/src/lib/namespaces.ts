/** Namespaces to offer in the switcher: those with resources, plus the current one and `default`, sorted. Pure. */
export function namespacesOf(resources: readonly { namespace: string }[], current: string): string[] {
  const names = new Set(resources.map((resource) => resource.namespace));
  names.add(current);
  names.add("default");
  return [...names].sort((a, b) => (a === "default" ? -1 : b === "default" ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/** A namespace from the `?ns=` query parameter, or `default` when absent or not a valid name. */
export function namespaceParam(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(raw) && raw.length <= 253 ? raw : "default";
}
