import { assertInstalled, browserKinds } from './browsers';

/** Fails the whole run at once, naming what to install, when a browser or the build is missing. */
export default function setup(): void {
  for (const kind of browserKinds) assertInstalled(kind);
}
