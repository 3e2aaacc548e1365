// Vite's client types: imported .css files become stylesheets, and tests may use import.meta.glob.
/// <reference types="vite/client" />
