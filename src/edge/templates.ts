/**
 * Offline copies of the edge starter projects the Dojo can write, each reduced to the files a learner
 * reads (lock files, type stubs and editor settings are left out, and the listing says so). Written by
 * us after the layouts the real templates have today:
 * - cloudflare/workers-rs `templates/hello-world` (HEAD bb14171, crate `worker` 0.8): .gitignore,
 *   Cargo.toml, src/lib.rs, wrangler.toml (cargo-generate.toml is consumed by cargo-generate);
 * - create-cloudflare 2.74 "Hello World example" → "Worker only" → TypeScript: package.json,
 *   src/index.ts, wrangler.jsonc, tsconfig.json, .gitignore;
 * - fastly/compute-starter-kit-rust-default and -javascript-default (2026 HEADs): fastly.toml and the
 *   build setup the CLI reads (Cargo.toml + .cargo/config.toml + rust-toolchain.toml, package.json).
 */

export interface TemplateFile {
  path: string;
  text: string;
}

export function workersRsHelloWorld(name: string, today: string, panicUnwind: boolean): TemplateFile[] {
  return [
    { path: '.gitignore', text: 'target\nnode_modules\n.wrangler/\n.env*\n!.env.example\n.dev.vars*\n!.dev.vars.example\n' },
    {
      path: 'Cargo.toml',
      text: `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\nauthors = ["learner <learner@dojo.local>"]\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\nworker = { version = "0.8" }\nworker-macros = { version = "0.8" }\n`,
    },
    {
      path: 'src/lib.rs',
      text: `use worker::*;\n\n#[event(fetch)]\nasync fn fetch(_req: Request, _env: Env, _ctx: Context) -> Result<Response> {\n    Response::ok("Hello World!")\n}\n`,
    },
    {
      path: 'wrangler.toml',
      text: `name = "${name}"\nmain = "build/index.js"\ncompatibility_date = "${today}"\n\n[build]\ncommand = "cargo install -q \\"worker-build@^0.8\\" && worker-build --release${panicUnwind ? ' --panic-unwind' : ''}"\n`,
    },
  ];
}

/** C3's "Worker only" TypeScript starter (what `npm create cloudflare@latest -- --type=hello-world --lang=ts` writes). */
export function c3WorkerTs(name: string, today: string): TemplateFile[] {
  return [
    { path: '.gitignore', text: 'node_modules\n.wrangler\n.dev.vars*\n!.dev.vars.example\n.env*\n!.env.example\n' },
    {
      path: 'package.json',
      text:
        JSON.stringify(
          {
            name,
            version: '0.0.0',
            private: true,
            scripts: { deploy: 'wrangler deploy', dev: 'wrangler dev', start: 'wrangler dev', test: 'vitest', 'cf-typegen': 'wrangler types' },
            devDependencies: { typescript: '^5.5.2', wrangler: '^4.164.0' },
          },
          null,
          2,
        ) + '\n',
    },
    {
      path: 'src/index.ts',
      text: `/**\n * Welcome to Cloudflare Workers! This is your first worker.\n *\n * - Run \`npm run dev\` in your terminal to start a development server\n * - Open a browser tab at http://localhost:8787/ to see your worker in action\n * - Run \`npm run deploy\` to publish your worker\n */\n\nexport default {\n\tasync fetch(request, env, ctx): Promise<Response> {\n\t\treturn new Response('Hello World!');\n\t},\n} satisfies ExportedHandler<Env>;\n`,
    },
    {
      path: 'wrangler.jsonc',
      text: `/**\n * For more details on how to configure Wrangler, refer to:\n * https://developers.cloudflare.com/workers/wrangler/configuration/\n */\n{\n\t"$schema": "node_modules/wrangler/config-schema.json",\n\t"name": "${name}",\n\t"main": "src/index.ts",\n\t"compatibility_date": "${today}",\n\t"observability": {\n\t\t"enabled": true\n\t}\n}\n`,
    },
    {
      path: 'tsconfig.json',
      text: `{\n\t"compilerOptions": {\n\t\t"target": "es2024",\n\t\t"lib": ["es2024"],\n\t\t"module": "es2022",\n\t\t"moduleResolution": "Bundler",\n\t\t"strict": true,\n\t\t"noEmit": true\n\t},\n\t"include": ["src/**/*.ts"]\n}\n`,
    },
  ];
}

export interface StarterKit {
  language: 'rust' | 'javascript';
  /** The kit's git URL (what `--from` takes and fastly.toml's cloned_from records). */
  url: string;
  title: string;
  description: string;
  files(name: string, description: string, authors: string[]): TemplateFile[];
}

function fastlyToml(fields: {
  name: string;
  description: string;
  authors: string[];
  language: string;
  clonedFrom: string;
  scripts: string[];
}): string {
  const authors = `[${fields.authors.map((a) => JSON.stringify(a)).join(', ')}]`;
  return (
    `# This file describes a Fastly Compute package. To learn more visit:\n# https://www.fastly.com/documentation/reference/compute/fastly-toml\n\n` +
    `authors = ${authors}\ncloned_from = ${JSON.stringify(fields.clonedFrom)}\ndescription = ${JSON.stringify(fields.description)}\n` +
    `language = ${JSON.stringify(fields.language)}\nmanifest_version = 3\nname = ${JSON.stringify(fields.name)}\nservice_id = ""\n\n` +
    `[scripts]\n${fields.scripts.map((s) => `  ${s}\n`).join('')}`
  );
}

export const STARTER_KITS: readonly StarterKit[] = [
  {
    language: 'rust',
    url: 'https://github.com/fastly/compute-starter-kit-rust-default',
    title: 'Default starter for Rust',
    description: 'A basic starter kit that demonstrates routing, simple synthetic responses and overriding caching rules.',
    files: (name, description, authors) => [
      {
        path: 'fastly.toml',
        text: fastlyToml({
          name,
          description,
          authors,
          language: 'rust',
          clonedFrom: 'https://github.com/fastly/compute-starter-kit-rust-default',
          scripts: ['build = "cargo build --profile release"'],
        }),
      },
      {
        path: 'Cargo.toml',
        text: `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n# Remove this line if you want to be able to publish this crate on crates.io.\npublish = false\n\n[profile.release]\ndebug = 1\ncodegen-units = 1\nlto = "fat"\n\n[dependencies]\nfastly = "0.12.0"\n`,
      },
      { path: '.cargo/config.toml', text: '[build]\ntarget = "wasm32-wasip1"\n' },
      { path: 'rust-toolchain.toml', text: '[toolchain]\nchannel = "stable"\ntargets = [ "wasm32-wasip1" ]\n' },
      {
        path: 'src/main.rs',
        text: `//! Default Compute template program.\n\nuse fastly::http::StatusCode;\nuse fastly::{Error, Request, Response};\n\n#[fastly::main]\nfn main(req: Request) -> Result<Response, Error> {\n    // Log service version\n    println!(\n        "FASTLY_SERVICE_VERSION: {}",\n        std::env::var("FASTLY_SERVICE_VERSION").unwrap_or_else(|_| String::new())\n    );\n\n    match req.get_path() {\n        "/" => Ok(Response::from_status(StatusCode::OK)\n            .with_body("Welcome to Fastly Compute!")),\n        _ => Ok(Response::from_status(StatusCode::NOT_FOUND)),\n    }\n}\n`,
      },
      { path: '.gitignore', text: '/target\n/bin\n/pkg\n' },
    ],
  },
  {
    language: 'javascript',
    url: 'https://github.com/fastly/compute-starter-kit-javascript-default',
    title: 'Default starter for JavaScript',
    description: 'A basic starter kit that demonstrates routing, simple synthetic responses and code comments that cover common patterns.',
    files: (name, description, authors) => [
      {
        path: 'fastly.toml',
        text: fastlyToml({
          name,
          description,
          authors,
          language: 'javascript',
          clonedFrom: 'https://github.com/fastly/compute-starter-kit-javascript-default',
          scripts: ['build = "npm run build"', 'post_init = "npm install"'],
        }),
      },
      {
        path: 'package.json',
        text:
          JSON.stringify(
            {
              name,
              private: true,
              type: 'module',
              dependencies: { '@fastly/js-compute': '^3.33.2' },
              scripts: { build: 'js-compute-runtime src/index.js bin/main.wasm', deploy: 'fastly compute publish' },
            },
            null,
            2,
          ) + '\n',
      },
      {
        path: 'src/index.js',
        text: `/// <reference types="@fastly/js-compute" />\n\naddEventListener("fetch", (event) => event.respondWith(handleRequest(event)));\n\nasync function handleRequest(event) {\n  // Log service version\n  console.log("FASTLY_SERVICE_VERSION:", fastly.env.get('FASTLY_SERVICE_VERSION') || 'local');\n\n  return new Response("Welcome to Fastly Compute!", { status: 200 });\n}\n`,
      },
      { path: '.gitignore', text: '/node_modules\n/bin\n/pkg\n' },
    ],
  },
];

/** A kit by `--from` value: its URL (with or without `.git`/trailing slash) or `starter-kit/<lang>/default`. */
export function findStarterKit(from: string): StarterKit | undefined {
  const clean = from.replace(/\.git$/, '').replace(/\/$/, '');
  const short = /^starter-kit\/(rust|javascript)\/default$/.exec(clean);
  if (short) return STARTER_KITS.find((k) => k.language === short[1]);
  return STARTER_KITS.find((k) => k.url === clean);
}
