// The desktop menu's commands arrive as a window event (the preload turns IPC
// into it); the latest handlers answer, without re-subscribing on each render.
import { useEffect, useRef } from 'react';
import { MENU_EVENT, isMenuCommand, type MenuCommand } from '../../shared/menu.js';

export function useMenuCommands(commands: Record<MenuCommand, () => unknown>): void {
  const latest = useRef(commands);
  latest.current = commands;
  useEffect(() => {
    const onMenu = (event: Event) => {
      const command = (event as CustomEvent<unknown>).detail;
      if (isMenuCommand(command)) void latest.current[command]();
    };
    window.addEventListener(MENU_EVENT, onMenu);
    return () => window.removeEventListener(MENU_EVENT, onMenu);
  }, []);
}
