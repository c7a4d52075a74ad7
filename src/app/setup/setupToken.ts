// The one-time token arrives in the link the server prints on first start: #/setup?token=…
export function tokenFromHash(hash: string): string | undefined {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const token = new URLSearchParams(query).get('token')?.trim();
  return token ? token : undefined;
}
