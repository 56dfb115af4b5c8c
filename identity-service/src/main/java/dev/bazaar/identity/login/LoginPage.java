package dev.bazaar.identity.login;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Bazaar's sign-in page, rendered on the server: a plain form that works without
 * JavaScript. Every failed attempt shows one message, whatever the reason.
 */
@Controller
class LoginPage {

    static final String FAILED = "Invalid email or password.";

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String login(HttpServletRequest request) {
        String notice = request.getParameter("error") != null
                ? "<p class=\"error\" role=\"alert\">" + FAILED + "</p>"
                : request.getParameter("logout") != null ? "<p class=\"notice\">You are signed out.</p>" : "";
        return page("Sign in", notice + """
                <form method="post" action="%s">
                  <label for="username">Email</label>
                  <input id="username" name="username" type="email" autocomplete="username" required autofocus>
                  <label for="password">Password</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  %s
                  <button type="submit">Sign in</button>
                </form>
                """.formatted(HtmlUtils.htmlEscape(request.getContextPath() + "/login"), csrfField(request)));
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String signedIn(HttpServletRequest request) {
        return page("Signed in", """
                <p class="notice">You are signed in to Bazaar.</p>
                <form method="post" action="%s">
                  %s
                  <button type="submit">Sign out</button>
                </form>
                """.formatted(HtmlUtils.htmlEscape(request.getContextPath() + "/logout"), csrfField(request)));
    }

    private static String csrfField(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return csrf == null ? "" : "<input type=\"hidden\" name=\"%s\" value=\"%s\">".formatted(
                HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%s · Bazaar</title>
                  <style>
                    body { font-family: system-ui, sans-serif; background: #f6f6f4; margin: 0; }
                    main { max-width: 22rem; margin: 12vh auto; background: #fff; padding: 2rem;
                           border-radius: .5rem; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
                    h1 { font-size: 1.4rem; margin: 0 0 1.2rem; }
                    label { display: block; margin: .8rem 0 .3rem; font-size: .9rem; }
                    input { width: 100%%; box-sizing: border-box; padding: .55rem; font-size: 1rem;
                            border: 1px solid #bbb; border-radius: .3rem; }
                    button { margin-top: 1.4rem; width: 100%%; padding: .65rem; font-size: 1rem; border: 0;
                             border-radius: .3rem; background: #1f5f8b; color: #fff; cursor: pointer; }
                    .error { color: #a11; background: #fdecec; padding: .6rem; border-radius: .3rem; }
                    .notice { color: #185; }
                  </style>
                </head>
                <body>
                  <main>
                    <h1>Bazaar · %s</h1>
                    %s
                  </main>
                </body>
                </html>
                """.formatted(title, title, body);
    }
}
