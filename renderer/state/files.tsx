// Picking a data file from a screen (the reconciliation's reference): in the
// desktop app the system dialog gives a path; in browser mode the screen's own
// file input gives File objects that are uploaded to the host first. The frame
// (App.tsx) provides both, as it does for its own imports.
import { createContext, useContext } from 'react';

export interface FilePicking {
  mode: 'desktop' | 'browser';
  /** Desktop: the paths chosen in the system dialog (none when cancelled). */
  openDialog(): Promise<string[]>;
  /** Browser: the files' paths on the host once uploaded, or null when the upload failed (the error is shown). */
  upload(files: File[]): Promise<string[] | null>;
}

export const FilesContext = createContext<FilePicking | null>(null);

export function useFiles(): FilePicking {
  const files = useContext(FilesContext);
  if (!files) throw new Error('useFiles outside FilesContext');
  return files;
}
