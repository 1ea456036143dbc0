import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createClient } from './api/client.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(<App client={createClient()} />);
