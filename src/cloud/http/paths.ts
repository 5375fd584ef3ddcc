/** The API lives under `/v1`. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/v1' || pathname.startsWith('/v1/');
}

/** The local cloud's control endpoints live outside the API, under `/_local/`. */
export function isControlPath(pathname: string): boolean {
  return pathname.startsWith('/_local/');
}
