/**
 * Injected by the background into pages that have mentions (see lib/page/cardUiContract.ts), so the
 * card's UI code costs nothing on the many pages that mention nothing.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installCardUi } from '../../lib/page/cardUiContract';
import { CardHost } from './cardHost';

export default defineUnlistedScript(() => {
  installCardUi({ createCardHost: (lifetime, deps) => new CardHost(lifetime, deps) });
});
