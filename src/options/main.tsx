import '../systems/index';
import { render } from 'preact';
import { z } from 'zod';
import { browserEnv } from './env';
import { Options } from './Options';

z.config({ jitless: true });
const app = document.getElementById('app');
if (app) render(<Options env={browserEnv()} />, app);
