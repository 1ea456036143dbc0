import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createClient } from './api/client.js';
import './styles.css';

import { initI18n } from './i18n/index.js';

void initI18n().then(() => createRoot(document.getElementById('root')!).render(<App client={createClient()} />));
