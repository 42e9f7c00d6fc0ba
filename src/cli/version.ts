import packageJson from '../../package.json';

/** `cors-lens --version`: the package's version, inlined into the bundled bin at build time. */
export const CLI_VERSION: string = packageJson.version;
