/** Style sheets are bundled by esbuild (build.mjs) beside the script that imports them. */
declare module '*.css';
