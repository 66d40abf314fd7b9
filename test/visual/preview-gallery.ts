import { CardRenderer, findChromium } from './card-renderer';
import { renderEveryCard, writeGallery } from './render-every-card';

/**
 * `npm run cards:preview`: renders every card the bot can send (Teams light and dark, 540 and 360 px)
 * to build/card-previews/ and writes index.html there — open it in a browser to look them over.
 */
async function main(): Promise<number> {
  const chromium = findChromium();
  if (chromium === undefined) {
    console.error('Ingen Chromium fundet: installér Debian-pakken "chromium" (apt-get install -y chromium), eller sæt CHROMIUM_PATH.');
    return 1;
  }
  const renderer = await CardRenderer.open(chromium);
  try {
    const cards = await renderEveryCard(renderer);
    const file = writeGallery(cards);
    console.log(`${cards.length} kort-billeder; galleri: ${file}`);
    return 0;
  } finally {
    await renderer.close();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
