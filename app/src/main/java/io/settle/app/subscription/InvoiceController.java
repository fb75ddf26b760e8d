package io.settle.app.subscription;

import io.settle.app.security.CurrentUser;
import io.settle.app.web.ApiException;
import io.settle.query.subscription.InvoiceView;
import io.settle.query.subscription.SubscriptionQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1/invoices")
@Tag(name = "Subscriptions")
public class InvoiceController {

    public record InvoicePage(List<InvoiceView> data, String nextCursor) {
    }

    private final SubscriptionQueries queries;

    public InvoiceController(SubscriptionQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Your subscription invoices, newest first (status paid|open); page with nextCursor")
    public InvoicePage list(@RequestParam(required = false) @Pattern(regexp = "paid|open") String status,
                            @RequestParam(required = false) String cursor,
                            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        List<InvoiceView> page = queries.invoices(CurrentUser.get().id(), status, cursor, limit);
        return new InvoicePage(page, page.size() == limit ? page.get(page.size() - 1).id() : null);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of your invoices")
    public InvoiceView get(@PathVariable String id) {
        return queries.invoice(CurrentUser.get().id(), id).orElseThrow(() -> ApiException.notFound("invoice", id));
    }
}
