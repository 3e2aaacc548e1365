// Vite (electron-vite's bundle and vitest) inlines a file imported with `?raw` as its text.
declare module '*?raw' {
  const text: string;
  export default text;
}
