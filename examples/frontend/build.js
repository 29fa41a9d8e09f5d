// Copies the static site from src/ to dist/: the build the frontend tier uploads to its bucket and CDN.
import { cpSync, rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
cpSync("src", "dist", { recursive: true });
console.log("built dist/");
