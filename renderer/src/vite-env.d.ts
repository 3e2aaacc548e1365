// Vite turns imported .css files into stylesheets; TypeScript only needs to know they exist.
declare module '*.css';
