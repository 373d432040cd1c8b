import { UNSAFE_CHARS } from './unsafe-chars';

/** The longest name most file systems take, in UTF-8 bytes. */
export const MAX_FILE_NAME_BYTES = 255;

/** Names Windows keeps for devices: a file so named elsewhere is still a trap when copied. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * An offered file name made safe to save under the downloads folder (issue 23): its last
 * path segment only (`../../etc/passwd` is `passwd`, `C:\x\y` is `y`), no control, bidi or
 * invisible character, no leading dot (`.bashrc` is `bashrc`: nothing hidden, never `..`),
 * at most `maxBytes` UTF-8 bytes (255, less what is added to it) with its extension kept, never empty nor a device name. The
 * result joined to a folder always names a file directly inside it.
 */
export function safeFileName(offered: string, maxBytes = MAX_FILE_NAME_BYTES): string {
  const lastSegment = offered.split(/[/\\]/).pop() ?? '';
  const visible = lastSegment
    .replace(UNSAFE_CHARS, '')
    .replace(/^[.\s]+/, '')
    .trimEnd();
  const named = visible === '' ? 'file' : visible;
  const unreserved = RESERVED.test(named) ? `_${named}` : named;
  return shortened(unreserved, '', maxBytes);
}

/** At most MAX_FILE_NAME_BYTES, cut in the stem so the extension (if short) stays. */
function shortened(name: string, suffix: string, maxBytes: number): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const stem = name.slice(0, name.length - extension.length);
  const budget = maxBytes - Buffer.byteLength(suffix + extension);
  if (Buffer.byteLength(stem) <= budget) return stem + suffix + extension;
  let cut = '';
  for (const char of stem) {
    if (Buffer.byteLength(cut + char) > budget) break;
    cut += char;
  }
  return cut + suffix + extension;
}

/** `report.pdf` taken: `report (1).pdf`, `report (2).pdf`… (never overwriting). */
export function numberedName(name: string, n: number, maxBytes = MAX_FILE_NAME_BYTES): string {
  return n === 0 ? name : shortened(name, ` (${n})`, maxBytes);
}
