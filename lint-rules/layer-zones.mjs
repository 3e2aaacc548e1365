// The zones of the layering (see docs/ARCHITECTURE.md), one per feature folder, generated from the
// folders on disk so a new feature is a zone the moment it exists.
import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function folders(path) {
  return readdirSync(resolve(ROOT, path), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

const RENDERER = 'renderer/src';
const FEATURES = `${RENDERER}/features`;
const MAIN = 'electron/main';
/** Folders of main that are not features: the composition root, the transport and the database floor. */
const MAIN_FLOORS = new Set(['app', 'ipc', 'db']);

const rendererFeatures = folders(FEATURES);
/** renderer/src folders below the features (shared UI, stores, i18n); app/ composes, test/ holds test helpers. */
const rendererShared = folders(RENDERER).filter((name) => !['app', 'features', 'test'].includes(name));
const mainFeatures = folders(MAIN).filter((name) => !MAIN_FLOORS.has(name));

export const rendererZones = [
  ...rendererFeatures.map((feature) => ({
    importer: `${FEATURES}/${feature}`,
    imported: FEATURES,
    except: [`${FEATURES}/${feature}`],
    message: `Feature ${feature} must not import another feature; renderer/src/app composes them.`,
  })),
  ...rendererShared.map((folder) => ({
    importer: `${RENDERER}/${folder}`,
    imported: FEATURES,
    message: `renderer/src/${folder} sits below the features and must not import one; renderer/src/app composes them.`,
  })),
  { importer: 'renderer', imported: 'electron', message: 'The renderer must not import main-process code; it reaches main only through window.desk.' },
  { importer: 'renderer', imported: 'hub', message: 'The renderer must not import the hub server.' },
];

export const sharedZones = ['electron', 'renderer', 'hub'].map((layer) => ({
  importer: 'shared',
  imported: layer,
  message: `shared/ is pure and the lowest layer: it must not import ${layer}/.`,
}));

export const mainZones = [
  ...[...mainFeatures, 'ipc'].map((folder) => ({
    importer: `${MAIN}/${folder}`,
    imported: `${MAIN}/app`,
    message: `${folder}/ must not import app/: app/ is the composition root, imported only by electron/main/index.ts.`,
  })),
  ...mainFeatures.map((feature) => ({
    importer: `${MAIN}/${feature}`,
    imported: `${MAIN}/ipc`,
    message: `${feature}/ must not import ipc/: the transport calls features, only app/ wires it up.`,
  })),
  {
    importer: `${MAIN}/db`,
    imported: MAIN,
    except: [`${MAIN}/db`],
    message: 'db/ is the floor under the features: it imports no feature (nor ipc/ or app/).',
  },
];

/** The hub is its own service: it shares only shared/ with the desktop. The preload sees only the contract. */
export const serviceZones = [
  ...['electron', 'renderer'].map((layer) => ({
    importer: 'hub',
    imported: layer,
    message: `The hub must not import ${layer}/: it shares only shared/ with the desktop.`,
  })),
  { importer: 'electron/preload', imported: MAIN, message: 'The preload must not import main-process code: it exposes the channel list from shared/ipc only.' },
];

export const layerZones = [...rendererZones, ...sharedZones, ...mainZones, ...serviceZones];
