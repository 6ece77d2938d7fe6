"use client";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import type { ClaimDto } from "@/lib/claims/dto";

/** Shown when the selected text is exactly an existing claim's: open that one, or add another anyway. */
export function DuplicateClaimNotice({ existing, onOpen, onAddAnyway }: { existing: ClaimDto; onOpen: () => void; onAddAnyway: () => void }) {
  return (
    <div className="mb-3">
      <Notice kind="info">
        <p>Claim {existing.number} already covers exactly this text.</p>
        <div className="mt-2 flex gap-2">
          <Button type="button" onClick={onOpen}>
            Open claim {existing.number}
          </Button>
          <Button type="button" variant="secondary" onClick={onAddAnyway}>
            Add another claim anyway
          </Button>
        </div>
      </Notice>
    </div>
  );
}
