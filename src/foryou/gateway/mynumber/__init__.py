"""My Number Card verification (マイナンバーカードで本人確認) in the gateway: the relying-party side of the
デジタル認証アプリ's OpenID Connect flow. The card's 基本4情報 are sealed to the console's key as they arrive
(identity.sealed); the gateway keeps none of them. See docs/decisions/0030-my-number-card-verification.md."""
