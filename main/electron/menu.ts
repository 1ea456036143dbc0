// The native application menu. Commands go to the focused window's renderer on
// MENU_CHANNEL (the preload turns them into a DOM event); nothing here runs
// engine logic. Only TYPES come from 'electron': main.ts builds the menu.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/menu.js';

export interface MenuOptions {
  appName: string;
  isMac: boolean;
  /** Reload and DevTools only in development. */
  isPackaged: boolean;
  send(command: MenuCommand): void;
  showAbout(): void;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { isMac, isPackaged, send } = options;
  const command = (label: string, accelerator: string | undefined, name: MenuCommand): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(name),
  });

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('Open Files…', 'CmdOrCtrl+O', 'open-files'),
      command('Open Sample Data', undefined, 'open-sample'),
      { type: 'separator' },
      command('Open Workspace…', 'CmdOrCtrl+Shift+O', 'open-workspace'),
      command('Save Workspace As…', 'CmdOrCtrl+Shift+S', 'save-workspace-as'),
      command('New Scratch Workspace', 'CmdOrCtrl+N', 'new-scratch'),
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Quit' } as const]),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(isPackaged
        ? []
        : [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: `About ${options.appName}`, click: () => options.showAbout() }],
  };

  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
    help,
  ];
}
