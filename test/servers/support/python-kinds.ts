import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx, Kind } from './kind';
import { daemon, run } from './proc';

// Debian's Python (/usr/bin/python3) with Debian's Flask-CORS, FastAPI/Starlette + uvicorn and
// django-cors-headers; not the pyenv python3 on PATH, which has none of them.
const PYTHON = '/usr/bin/python3';
const env = (ctx: Ctx): NodeJS.ProcessEnv => ({
  PATH: '/usr/bin:/bin',
  HOME: ctx.dir,
  PORT: String(ctx.port),
  PYTHONPATH: ctx.dir,
  PYTHONDONTWRITEBYTECODE: '1',
  DJANGO_SETTINGS_MODULE: 'settings',
});

const flaskApp = (cors: string) => `import os

from flask import Flask, jsonify, request

app = Flask(__name__)

${cors}

@app.get("/health")
def health():
    return jsonify(ok=True)


@app.get("/api/items")
def items():
    return jsonify(items=[])


@app.put("/api/items")
def save():
    return jsonify(saved=request.get_json())


@app.delete("/api/items/<item>")
def delete(item):
    return jsonify(deleted=item)


@app.get("/api/me")
def me():
    return jsonify(me="user")


@app.get("/api/users")
def users():
    return jsonify(users=[])


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ["PORT"]))
`;

export const flask: Kind = {
  id: 'flask',
  needs: [PYTHON],
  configs: [
    {
      name: 'CORS(app) with a credentialed call',
      regions: () => ({ cors: 'from flask_cors import CORS\n\nCORS(app)\n' }),
    },
    {
      name: 'resources scoped to /api/items',
      regions: (ctx) => ({
        cors: `from flask_cors import CORS\n\nCORS(app, resources={r"/api/items*": {"origins": "${ctx.app}"}})\n`,
      }),
    },
  ],
  write: (ctx, regions) => writeFileSync(join(ctx.dir, 'app.py'), flaskApp(regions.cors ?? '')),
  check: (ctx) => run(PYTHON, ['-c', 'import app'], { cwd: ctx.dir, env: env(ctx) }),
  start: (ctx) => daemon(PYTHON, ['app.py'], { cwd: ctx.dir, env: env(ctx) }),
  glue: (snippet) => ({ cors: snippet }),
};

const fastapiApp = (cors: string) => `import os

from fastapi import FastAPI, Request

app = FastAPI()

${cors}

@app.get("/health")
async def health():
    return {"ok": True}


@app.get("/api/items")
async def items():
    return {"items": []}


@app.put("/api/items")
async def save(request: Request):
    return {"saved": await request.json()}


@app.delete("/api/items/{item}")
async def delete(item: str):
    return {"deleted": item}


@app.get("/api/me")
async def me():
    return {"me": "user"}


@app.get("/api/users")
async def users():
    return {"users": []}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(os.environ["PORT"]), log_level="warning")
`;

export const fastapi: Kind = {
  id: 'fastapi',
  needs: [PYTHON],
  configs: [
    {
      name: 'allow_origins ["*"] with credentials, default methods',
      regions: () => ({
        cors: 'from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)\n',
      }),
    },
  ],
  write: (ctx, regions) => writeFileSync(join(ctx.dir, 'main.py'), fastapiApp(regions.cors ?? '')),
  check: (ctx) => run(PYTHON, ['-c', 'import main'], { cwd: ctx.dir, env: env(ctx) }),
  start: (ctx) => daemon(PYTHON, ['main.py'], { cwd: ctx.dir, env: env(ctx) }),
  glue: (snippet) => ({ cors: snippet }),
};

const djangoSettings = (cors: string) => `SECRET_KEY = "cors-lens-test"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "urls"
INSTALLED_APPS = ["corsheaders"]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]
USE_TZ = True

${cors}
`;

const djangoUrls = `import json

from django.http import JsonResponse
from django.urls import path


def health(request):
    return JsonResponse({"ok": True})


def items(request):
    if request.method == "PUT":
        return JsonResponse({"saved": json.loads(request.body)})
    return JsonResponse({"items": []})


def item(request, item):
    return JsonResponse({"deleted": item})


def me(request):
    return JsonResponse({"me": "user"})


def users(request):
    return JsonResponse({"users": []})


urlpatterns = [
    path("health", health),
    path("api/items", items),
    path("api/items/<item>", item),
    path("api/me", me),
    path("api/users", users),
]
`;

export const django: Kind = {
  id: 'django',
  needs: [PYTHON],
  configs: [
    {
      name: 'CORS_ALLOWED_ORIGINS without credentials',
      regions: (ctx) => ({ cors: `CORS_ALLOWED_ORIGINS = ["${ctx.app}"]\n` }),
    },
  ],
  write: (ctx, regions) => {
    writeFileSync(join(ctx.dir, 'settings.py'), djangoSettings(regions.cors ?? ''));
    writeFileSync(join(ctx.dir, 'urls.py'), djangoUrls);
  },
  check: (ctx) => run(PYTHON, ['-m', 'django', 'check'], { cwd: ctx.dir, env: env(ctx) }),
  start: (ctx) =>
    daemon(PYTHON, ['-m', 'django', 'runserver', '--noreload', `127.0.0.1:${ctx.port}`], {
      cwd: ctx.dir,
      env: env(ctx),
    }),
  glue: (snippet) => ({ cors: snippet }),
};
