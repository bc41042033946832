/**
 * Injected by the background into pages that have mentions (see lib/card/cardUiContract.ts), so the
 * card's UI code costs nothing on the many pages that mention nothing.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { CardHost } from '../../lib/card/cardHost';
import { installCardUi } from '../../lib/card/cardUiContract';

export default defineUnlistedScript(() => {
  installCardUi({ createCardHost: (lifetime, deps) => new CardHost(lifetime, deps) });
});
