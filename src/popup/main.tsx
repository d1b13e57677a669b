import { render } from 'preact';
import { z } from 'zod';
import { Popup } from './Popup';

z.config({ jitless: true });
const app = document.getElementById('app');
if (app) render(<Popup />, app);
