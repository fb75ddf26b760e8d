package io.settle.app.console;

import io.settle.app.notify.MailAdminController;
import io.settle.app.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The mail log: the notification outbox, with a resend for mail that failed or had no address. */
@Controller
@RequestMapping(ConsolePaths.ROOT)
@Hidden
public class ConsoleMailController {

    private final MailAdminController mail;

    public ConsoleMailController(MailAdminController mail) {
        this.mail = mail;
    }

    @ConsolePage(title = "Mail", order = 65)
    @GetMapping("/mail")
    String mail(@RequestParam(required = false) MailAdminController.Status status, Model model) {
        model.addAttribute("status", status);
        model.addAttribute("statuses", Arrays.asList(MailAdminController.Status.values()));
        model.addAttribute("mails", mail.list(status, null, null, ConsoleController.LIST_LIMIT));
        model.addAttribute("resendable", List.of("FAILED", "SKIPPED"));
        return "console/mail";
    }

    @PostMapping("/mail/{id}/resend")
    String resend(@PathVariable long id, Model model, HttpServletResponse response) {
        try {
            mail.resend(id);
        } catch (ApiException refused) {
            return ConsoleController.refused(refused, model, response, mail(null, model));
        }
        return ConsoleController.done("/mail", "Mail " + id + " queued to be sent again");
    }
}
