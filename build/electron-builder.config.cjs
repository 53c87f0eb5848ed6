/**
 * electron-builder configuration: `npm run dist` (electron-vite build, then this).
 * Installers: Windows NSIS and macOS DMG for x64 and arm64, Linux AppImage.
 *
 * - The app is out/** (main, preload, renderer bundles) plus package.json, in an asar archive.
 *   electron-builder adds the production node_modules itself.
 * - better-sqlite3-multiple-ciphers (better-sqlite3's API on SQLite3 Multiple Ciphers, for books
 *   encrypted at rest) is a Node-API addon whose package ships prebuilt binaries for every
 *   platform, loaded as is in Electron: no rebuild (npmRebuild: false), and its .node files are
 *   unpacked from the asar.
 * - Fuses are flipped in the packaged binary: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no
 *   --inspect, only app.asar with its integrity checked, encrypted cookies, no file:// privileges.
 *
 * @type {import('electron-builder').Configuration}
 */
const config = {
  appId: 'app.ledgerline.crm',
  productName: 'Ledgerline',
  copyright: 'Copyright © Ledgerline contributors',
  directories: { output: 'release', buildResources: 'build' },
  files: ['out/**', 'package.json', '!out/**/*.map'],
  asar: true,
  asarUnpack: ['node_modules/better-sqlite3-multiple-ciphers/**/*.node'],
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  publish: null,
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
    loadBrowserProcessSpecificV8Snapshot: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'build/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Ledgerline',
    // Uninstalling keeps the customer book; it lives in the user's data folder.
    deleteAppDataOnUninstall: false,
  },
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    category: 'public.app-category.business',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: { writeUpdateInfo: false },
  linux: {
    target: [{ target: 'AppImage', arch: ['x64'] }],
    category: 'Office',
    icon: 'build/icon.png',
    synopsis: 'Offline-first CRM for small offices and sole traders',
  },
};

module.exports = config;
