// One lint gate for every folder, with type information so that promise misuse is caught.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Client folders a layer may reach: a pattern per forbidden sibling folder, plus the server. */
function clientLayer(files, forbidden) {
  const patterns = [
    { group: ["**/server/**", "**/server"], message: "The client never imports server code." },
    ...forbidden.map((folder) => ({
      group: [`../${folder}/**`, `../../${folder}/**`, `./${folder}/**`],
      message: `${files.replace("/**", "")} may not import client/${folder}/ (style.md 15).`,
    })),
  ];
  return [
    {
      files: [files.replace("/**", "/**/*.ts")],
      rules: { "no-restricted-imports": ["error", { patterns }] },
    },
  ];
}

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", "bench/results/**", "*.config.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-console": "error",
    },
  },
  {
    // Tests read JSON answers loosely on purpose: the assertions are the type check there.
    files: ["tests/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["bench/**", "scripts/**"],
    rules: { "no-console": "off" },
  },
  // The browser's layers (style.md 13, 15), each folder with what it may not import.
  // client/: never the server. net/: talks to the server, knows no state, services, views.
  // state/: plain data, no DOM, no network. services/: net + state for the views' callbacks,
  // no DOM. views/: DOM only, fed by callbacks, never the network. i18n/: imports no layer.
  // wiring/ (with mount-widget.ts, the composition root) may use them all; none may use it.
  ...clientLayer("client/**", []),
  ...clientLayer("client/net/**", ["state", "services", "views", "wiring"]),
  ...clientLayer("client/state/**", ["net", "services", "views", "wiring"]),
  ...clientLayer("client/services/**", ["views", "wiring"]),
  ...clientLayer("client/views/**", ["net", "services", "wiring"]),
  ...clientLayer("client/i18n/**", ["net", "state", "services", "views", "wiring", "moderate"]),
);
