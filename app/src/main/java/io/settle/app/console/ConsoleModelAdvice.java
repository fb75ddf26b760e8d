package io.settle.app.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's frame shows: the navigation, the current page and who is logged in. */
@ControllerAdvice(basePackageClasses = ConsoleModelAdvice.class)
class ConsoleModelAdvice {

    private final ConsoleNav nav;

    ConsoleModelAdvice(ConsoleNav nav) {
        this.nav = nav;
    }

    @ModelAttribute
    void frame(Model model, HttpServletRequest request) {
        model.addAttribute("nav", nav.items());
        model.addAttribute("currentPath", request.getRequestURI());
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute("operator", auth == null || !auth.isAuthenticated()
                || "anonymousUser".equals(auth.getName()) ? null : auth.getName());
    }
}
