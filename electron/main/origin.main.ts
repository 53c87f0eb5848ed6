/**
 * The app's own origin. Pages are served from app://ledgerline/ (never file://), and only a
 * frame on exactly this origin may talk to the backend.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ledgerline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` is on the app's own origin. Node's URL reports "null" as the origin of
 * non-special schemes, so the parts are compared one by one.
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
