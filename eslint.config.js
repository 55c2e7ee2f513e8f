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
  ...serverLayers(),
  ...contractLayers(),
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

// ---------------------------------------------------------------------------------------------
// Layers that hold (style.md habit 13): the server's layers and the shared contract's edges.
// Patterns match the import specifier as written, so every layer is named as a path segment of a
// relative import ("../http/x.js", "../../domain/y.js"); type-only imports count too.
// ESLint keeps one set of options per rule and file (a later block replaces an earlier one), so
// a block for a subfolder (store/postgres) repeats its parent's patterns (store) before its own.
// ---------------------------------------------------------------------------------------------

/** A relative import of server folder `layer` (any depth of "../"), e.g. "../../domain/x.js". */
function folder(layer, message) {
  return { regex: `^\\.{1,2}/(.*/)?${layer}/`, message };
}

/** One block per server folder: the imports that would break its layer. */
function serverLayers() {
  const notHttp = folder(
    "http",
    "realtime and scale never import http: move what both need to server/core/ (style.md 13).",
  );
  const belowDomain = ["domain", "http", "realtime", "scale", "mail", "import", "cli"].map(
    (layer) =>
      folder(
        layer,
        `store never imports ${layer}: it is the bottom layer; shared pieces live in server/core/ (style.md 13).`,
      ),
  );
  const notSqlite = [
    folder("sqlite", "the PostgreSQL store never imports the SQLite one (style.md 13)."),
    { regex: "^better-sqlite3$", message: "the PostgreSQL store never uses SQLite (style.md 13)." },
  ];
  const notPostgres = [
    folder("postgres", "the SQLite store never imports the PostgreSQL one (style.md 13)."),
    { regex: "^pg$", message: "the SQLite store never uses PostgreSQL (style.md 13)." },
  ];
  const block = (files, patterns) => ({
    files,
    rules: { "no-restricted-imports": ["error", { patterns }] },
  });
  return [
    block(["server/realtime/**", "server/scale/**"], [notHttp]),
    block(
      ["server/domain/**"],
      ["http", "realtime", "scale"].map((layer) =>
        folder(
          layer,
          `domain code never imports ${layer}: transports call the domain (style.md 13).`,
        ),
      ),
    ),
    block(
      ["server/core/**"],
      [
        {
          regex: "^\\.\\./[^.]",
          message:
            "server/core is the neutral layer every other one may use: it imports only shared/.",
        },
      ],
    ),
    block(["server/store/**"], belowDomain),
    block(
      ["server/store/postgres/**", "server/store/migrations/postgres/**"],
      [...belowDomain, ...notSqlite],
    ),
    block(
      ["server/store/sqlite/**", "server/store/migrations/sqlite/**"],
      [...belowDomain, ...notPostgres],
    ),
  ];
}

/**
 * client/ and shared/ never import the server (and shared/ not the client either). These use the
 * typescript-eslint twin of the rule so that client/ blocks using `no-restricted-imports` for the
 * client's own layers add to this rule instead of replacing it.
 */
function contractLayers() {
  const rule = "@typescript-eslint/no-restricted-imports";
  return [
    {
      files: ["client/**"],
      rules: {
        [rule]: [
          "error",
          {
            patterns: [
              folder("server", "the client never imports server code; share it through shared/."),
            ],
          },
        ],
      },
    },
    {
      files: ["shared/**"],
      rules: {
        [rule]: [
          "error",
          {
            patterns: [
              folder("server", "shared/ is the contract: it never imports the server."),
              folder("client", "shared/ is the contract: it never imports the client."),
            ],
          },
        ],
      },
    },
  ];
}
