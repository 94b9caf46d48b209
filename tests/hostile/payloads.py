"""Hostile strings for front matter and bodies: each must render as inert text or fail the build.

`TEXT_PAYLOADS` are valid YAML text once quoted; they go into every front-matter text field.
`BODY_PAYLOADS` are Markdown/HTML for article bodies. `BAD_URLS` must be rejected by every URL
field. `RAW_FILES` are whole files (bytes) that must fail with a `path:line:` error.
"""

from __future__ import annotations

# Marker that every payload's script would print or alert; the browser test looks for it.
MARK = "HOSTILE9"

TEXT_PAYLOADS: dict[str, str] = {
    "script-tag": f"<script>alert('{MARK}')</script>",
    "script-breakout": f"</script><script>alert('{MARK}')</script>",
    "script-breakout-upper": f"</SCRIPT ><img src=x onerror=alert('{MARK}')>",
    "comment-open": f"<!--<script>alert('{MARK}')</script>",
    "cdata-close": f"]]><script>alert('{MARK}')</script><![CDATA[",
    "img-onerror": f"<img src=x onerror=\"alert('{MARK}')\">",
    "attr-breakout-double": f'" onmouseover="alert(\'{MARK}\')" x="',
    "attr-breakout-single": f"' onfocus='alert(\"{MARK}\")' autofocus x='",
    "svg-onload": f"<svg onload=alert('{MARK}')>",
    "svg-script": f"<svg><script>alert('{MARK}')</script></svg>",
    "body-onload": f"<body onload=alert('{MARK}')>",
    "javascript-url": f"javascript:alert('{MARK}')",
    "javascript-url-link": f"<a href=\"javascript:alert('{MARK}')\">click</a>",
    "javascript-entities": f"<a href=\"&#106;avascript:alert('{MARK}')\">x</a>",
    "javascript-whitespace": f"<a href=\" \tjava\nscript:alert('{MARK}')\">x</a>",
    "javascript-mixed-case": f"<a href=\"JaVaScRiPt:alert('{MARK}')\">x</a>",
    "data-url": f"<a href=\"data:text/html,<script>alert('{MARK}')</script>\">x</a>",
    "vbscript-url": f'<a href="vbscript:msgbox(&quot;{MARK}&quot;)">x</a>',
    "iframe-srcdoc": f"<iframe srcdoc=\"<script>alert('{MARK}')</script>\"></iframe>",
    "object-data": f'<object data="data:text/html,{MARK}"></object><embed src="x.swf">',
    "css-expression": f"<div style=\"width: expression(alert('{MARK}'))\">x</div>",
    "css-url-javascript": f"<p style=\"background:url(javascript:alert('{MARK}'))\">x</p>",
    "style-element": f"<style>@import 'javascript:alert(\"{MARK}\")';</style>",
    "meta-refresh": f'<meta http-equiv="refresh" content="0;url=javascript:alert(\'{MARK}\')">',
    "base-href": '<base href="https://evil.example/">',
    "form-action": f"<form action=\"javascript:alert('{MARK}')\"><button>go</button></form>",
    "direction-override": "Council \u202ecod.exe\u202c approves \u2066budget\u2069",
    "zero-width": "Fer\u200bry\u200d time\ufefftable",
    "line-separators": "one\u2028two\u2029three",
    "jinja-expression": "{{ 7*7 }} {{ config }} {{ ''.__class__ }}",
    "jinja-statement": "{% raw %}{% endraw %}{% for x in range(3) %}x{% endfor %}",
    "jinja-comment": "{# hidden #} shown",
    "format-string": "%s %(title)s {0} {title!r} ${PATH}",
    "yaml-specials": "key: value # not a comment - [a, b] {c: d} &anchor *alias !tag | >",
    "yaml-booleans-as-text": "yes no on off ~ null true",
    "html-entities": "&lt;script&gt; &amp;amp; &#60;b&#62; &quot;",
    "markdown-in-text": f"**bold** [link](javascript:alert('{MARK}')) ![i](x)",
    "backslashes": "C:\\new\\table \\u003c \\x3c \\\\",
    "sql-and-shell": "'; DROP TABLE articles; -- $(rm -rf /) `id`",
    "emoji-and-combining": "Café ✓ 🦆 e\u0301 한국어 العربية",
    "long-value": "Lorem <b>ipsum</b> " * 5000 + "end",  # ~95k chars
}

BODY_PAYLOADS: dict[str, str] = {
    **{
        name: value
        for name, value in TEXT_PAYLOADS.items()
        if name not in {"long-value", "attr-breakout-double", "attr-breakout-single"}
    },
    "md-link-javascript": f"[click](javascript:alert('{MARK}'))",
    "md-link-entity": f"[click](&#x6A;avascript:alert('{MARK}'))",
    "md-image-onerror": f"![x](x\" onerror=\"alert('{MARK}'))",
    "md-autolink": f"<javascript:alert('{MARK}')>",
    "iframe-not-allowed": '<iframe src="https://evil.example/embed"></iframe>',
    "iframe-http-allowed-host": '<iframe src="http://www.youtube-nocookie.com/embed/x"></iframe>',
    "iframe-javascript": f"<iframe src=\"javascript:alert('{MARK}')\"></iframe>",
    "math-xlink": f"<math><a xlink:href=\"javascript:alert('{MARK}')\">x</a></math>",
    "svg-use": f"<svg><use href=\"data:image/svg+xml,<svg onload=alert('{MARK}')>\"/></svg>",
    "noscript-mxss": f"<noscript><p title=\"</noscript><img src=x onerror=alert('{MARK}')>\">",
    "template-mxss": f"<template><script>alert('{MARK}')</script></template>",
    "textarea-breakout": f"<textarea></textarea><script>alert('{MARK}')</script>",
    "unclosed-attr": f'<img src=\'x onerror=alert("{MARK}")',
    "raw-html-block": f'<div markdown="1"><script>alert("{MARK}")</script></div>',
    "long-body": "<p>" + "word " * 20000 + "</p>",
}

# Every URL field must refuse these with a path:line error.
BAD_URLS: dict[str, str] = {
    "javascript": f"javascript:alert('{MARK}')",
    "javascript-upper": "JAVASCRIPT:alert(1)",
    "javascript-leading-space": " javascript:alert(1)",
    "javascript-tab": "java\tscript:alert(1)",
    "javascript-entity": "&#106;avascript:alert(1)",
    "data": "data:text/html,<script>alert(1)</script>",
    "vbscript": "vbscript:msgbox(1)",
    "file": "file:///etc/passwd",
    "relative": "/relative/path",
    "protocol-relative": "//evil.example/x",
    "no-host": "https:///nohost",
    "quote-breakout": 'https://ok.example/" onmouseover="alert(1)',
    "newline": "https://ok.example/\nx",
    "ftp": "ftp://files.example/a",
}
