// `npm run wakilni -- …`: the development command line. `send` posts a signed Wakilni event
// (sandbox/wakilni-send.ts); every other command is the operator's command line
// (app/operator/, which production runs as `npm run operator -- …` from the build), run here with
// tsx. Without DATABASE_URL it acts on the running demo (.cache/demo/demo.json: its database,
// environment, shop and Admin API emulator); with DATABASE_URL, on that installation, whose
// environment (SECRETS_ENCRYPTION_KEYS…) must then be set as for the app.
import { setGlobalDispatcher } from "undici";
import { UsageError, isHelpRequest, isOperatorCommandName, operatorUsage } from "../app/operator/operator-arguments";
import { appEnvironment, readDemoState } from "./demo-state";
import { createEmulatorDispatcher } from "./shopify-admin-emulator/dispatcher";
import { postWakilniEvent } from "./wakilni-sender";
import { SEND_USAGE, sendRequestFrom } from "./wakilni-send";

const PROGRAM = "npm run wakilni --";
const usage = () => operatorUsage(PROGRAM, SEND_USAGE);
const demo = readDemoState();

async function send(argv: string[]): Promise<number> {
  const request = sendRequestFrom(argv, { url: demo?.webhookUrl, secret: demo?.webhookSecret, now: () => new Date() });
  for (const warning of request.warnings) console.error(warning);
  console.log(`POST ${request.url}\n${JSON.stringify(request.payload)}`);
  const answer = await postWakilniEvent(request.url, request.secret, request.payload);
  console.log(`→ ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.status >= 200 && answer.status < 300 ? 0 : 1;
}

async function operate(argv: string[]): Promise<number> {
  let defaultShop: string | undefined;
  if (!process.env.DATABASE_URL) {
    if (!demo) throw new UsageError("no running demo found (.cache/demo/demo.json): start `npm run demo`, or set DATABASE_URL");
    // Before the first app module is imported: they validate the environment as they load.
    Object.assign(process.env, appEnvironment(demo));
    setGlobalDispatcher(createEmulatorDispatcher(demo.adminOrigin));
    defaultShop = demo.shop;
  }
  process.env.NODE_ENV ??= "production";
  const { operatorCommandLine } = await import("../app/operator/operator-cli.server");
  try {
    return await operatorCommandLine.run(argv, {
      program: PROGRAM,
      terminal: { out: (line) => console.log(line), err: (line) => console.error(line) },
      now: () => new Date(),
      defaultShop,
      extraUsage: SEND_USAGE,
    });
  } finally {
    await operatorCommandLine.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "send") return send(rest);
  if (command === undefined || !isOperatorCommandName(command)) {
    throw new UsageError(command === undefined ? "no command given" : `unknown command "${command}"`);
  }
  if (isHelpRequest(command)) {
    console.log(usage());
    return 0;
  }
  return operate(argv);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage()}`);
      process.exit(2);
    }
    // The app's environment check names every missing variable; the stack adds nothing.
    console.error(error instanceof Error && error.name === "EnvError" ? error.message : error);
    process.exit(1);
  },
);
