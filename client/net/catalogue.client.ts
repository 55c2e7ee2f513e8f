/**
 * Fetches a language's catalogue from the Parley server: a JSON file the build writes under
 * `/locales/` (content-hashed name, cached for a year), public and served to any origin.
 */

/** How long the first render may wait for a catalogue before it shows English instead. */
const CATALOGUE_TIMEOUT_MS = 3000;

/** The parsed JSON at `origin/locales/file`, or `null` when it fails or takes too long. */
export async function fetchCatalogue(origin: string, file: string): Promise<unknown> {
  try {
    // No credentials are sent to another origin by default; none are needed.
    const response = await fetch(`${origin}/locales/${file}`, {
      signal: AbortSignal.timeout(CATALOGUE_TIMEOUT_MS),
    });
    return response.ok ? ((await response.json()) as unknown) : null;
  } catch {
    // Offline, too slow, not JSON, or a browser without AbortSignal.timeout: English then.
    return null;
  }
}
