import type { DownloadedFile } from '../../../../shared/client/croisee-client';

/**
 * Hands a downloaded export to the browser as a file to save. Exports need the organiser token in a
 * header, which a plain link cannot carry: the page fetches them and saves the bytes.
 */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
