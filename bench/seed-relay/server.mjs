// The seed's relay, as the benchmark's peer: Hono on @hono/node-server. POST /clockify parses the JSON, builds the
// Japanese started/stopped text, awaits one fetch POST of {"content": ...} to the Discord webhook and answers 200.
// Nothing is stored: a crash or a Discord outage loses the message. Run: PORT=8081 DISCORD_WEBHOOK_URL=... node server.mjs
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const webhook = process.env.DISCORD_WEBHOOK_URL;
const app = new Hono();

app.post('/clockify', async (c) => {
  const entry = await c.req.json();
  const user = entry.user?.name ?? '誰か';
  const project = entry.project?.name ? `${entry.project.clientName ? entry.project.clientName + ' - ' : ''}${entry.project.name} ` : '';
  const subject = project + (entry.description || '');
  const running = entry.currentlyRunning ?? !entry.timeInterval?.end;
  const content = `${user} が ${subject} を${running ? '開始' : '終了'}しました.`;
  await fetch(webhook, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ content }),
  });
  return c.text('OK', 200);
});

serve({ fetch: app.fetch, port: Number(process.env.PORT || 8081), hostname: '127.0.0.1' });
