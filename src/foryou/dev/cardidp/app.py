"""The identity provider on aiohttp: discovery, authorization (with the card-picking page), token,
userinfo and JWKS, at the paths of the デジタル認証アプリ API reference."""

from html import escape

from aiohttp import web

from foryou.dev.cardidp import provider as p
from foryou.dev.cardidp.cards import TestCard

PAGE = """<!doctype html><html lang="ja"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>デジタル認証アプリ（テスト）</title>
<style>body{{font-family:sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem}}label{{display:block;margin:.4rem 0}}
fieldset{{margin:1rem 0}}button{{font-size:1.1rem;padding:.5rem 1rem;margin:.3rem}}</style></head><body>
<h1>デジタル認証アプリ（ローカル試験用）</h1>
<p>マイナンバーカードを読み取る代わりに、テスト用カードを選んでください。</p>
<form method="post" action="{action}">
<input type="hidden" name="request" value="{request}">
<fieldset><legend>テスト用カード</legend>{cards}
<label><input type="radio" name="card" value="free"> 自由入力（下の欄）</label></fieldset>
<fieldset><legend>自由入力</legend>
<label>氏名 <input name="name"></label><label>住所 <input name="address" size="40"></label>
<label>生年月日 <input name="birthdate" placeholder="1985-04-12"></label>
<label>性別 <select name="gender"><option>女</option><option>男</option></select></label></fieldset>
<button type="submit" name="action" value="read">カードを読み取る</button>
<button type="submit" name="action" value="cancel">キャンセル</button>
</form></body></html>"""


def _card_label(i: int, card: TestCard) -> str:
    text = f"{card.label}：" if card.label else ""
    return (f'<label><input type="radio" name="card" value="{i}"{" checked" if i == 0 else ""}> '
            f"{escape(text)}{escape(card.name)}（{escape(card.birthdate)}）{escape(card.address)}</label>")


def build_app(idp: p.Provider) -> web.Application:
    routes = web.RouteTableDef()

    @routes.get(p.DISCOVERY)
    async def discovery(request):
        return web.json_response(idp.discovery())

    @routes.get(p.CERTS)
    async def certs(request):
        return web.json_response(idp.jwks())

    @routes.get(p.AUTHORIZE)
    async def authorize(request):
        try:
            request_id = idp.authorize(dict(request.query))
        except p.AuthError as exc:
            if exc.redirect:
                raise web.HTTPFound(exc.redirect)
            return web.Response(status=400, text=f"{exc.error}: {exc.description}")
        cards = "".join(_card_label(i, c) for i, c in enumerate(idp.cards))
        return web.Response(content_type="text/html",
                            text=PAGE.format(action=p.AUTHORIZE, request=escape(request_id), cards=cards))

    @routes.post(p.AUTHORIZE)
    async def picked(request):
        form = await request.post()
        request_id = form.get("request", "")
        if idp.pending(request_id) is None:
            return web.Response(status=400, text="invalid_request: the request expired or was already answered")
        if form.get("action") == "cancel":
            raise web.HTTPFound(idp.cancel(request_id))
        choice = form.get("card", "0")
        if choice == "free":
            card = TestCard(form.get("name", ""), form.get("address", ""), form.get("birthdate", ""),
                            form.get("gender", ""))
        else:
            try:
                card = idp.cards[int(choice)]
            except (ValueError, IndexError):
                return web.Response(status=400, text="no such test card")
        raise web.HTTPFound(idp.approve(request_id, card))

    @routes.post(p.TOKEN)
    async def token(request):
        status, body = idp.token(dict(await request.post()))
        return web.json_response(body, status=status, headers={"Cache-Control": "no-store"})

    @routes.route("*", p.USERINFO)
    async def userinfo(request):
        status, body = idp.userinfo(request.headers.get("Authorization", ""))
        headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if status == 401 else {}
        return web.json_response(body, status=status, headers=headers)

    app = web.Application()
    app.add_routes(routes)
    return app
