import '../systems/grammars';
import { render } from 'preact';
import { z } from 'zod';
import { browserEnv } from './env';
import { Popup } from './Popup';
import './popup.css';

z.config({ jitless: true });
const app = document.getElementById('app');
if (app) render(<Popup env={browserEnv()} />, app);
