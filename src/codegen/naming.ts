/** `public_key` → `publicKey`. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `lightyear_ssh_key` minus the provider prefix → `SshKey`. */
export function className(typeName: string, providerName: string): string {
  const bare = typeName.startsWith(`${providerName}_`) ? typeName.slice(providerName.length + 1) : typeName;
  const camel = camelCase(bare);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** `lightyear_ssh_key` → `ssh-key`. */
export function fileName(typeName: string, providerName: string): string {
  const bare = typeName.startsWith(`${providerName}_`) ? typeName.slice(providerName.length + 1) : typeName;
  return bare.replace(/_/g, '-');
}

/** JSDoc text: no comment terminator can escape. */
export function docText(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}
