// The optional host script for pages that embed widgets: `<script src="<base>embed-host.js" async>`.
import { installEmbedHost } from "../embed/host";
import { MESSAGE_TYPES } from "../embed/protocol";

export function GET(): Response {
  const body = `/* Variational Autoencoders: widget host script (MIT). Fits each widget iframe's height and gives keys back on Esc. */\n(${installEmbedHost.toString()})(${JSON.stringify(MESSAGE_TYPES)});\n`;
  return new Response(body, { headers: { "content-type": "text/javascript; charset=utf-8" } });
}
