/*
 * extract/lexicon_data.c - lexicon.txt, embedded into the binary as a C string.
 *
 * The assembler's .incbin copies the file's bytes at build time, so the
 * lexicon stays a plain text file people edit and review, and the program
 * needs no file at run time. The path is relative to the top of the tree,
 * where make runs (also for `make fuzz`). The Makefile names lexicon.txt as
 * a prerequisite of this object, since the compiler's -MMD cannot see it.
 */
#if !defined(__ELF__)
#error "lexicon_data.c embeds with .incbin for ELF targets; use an embed step elsewhere"
#endif

__asm__(".pushsection .rodata\n"
        ".global extract_lexicon_txt\n"
        ".type extract_lexicon_txt, @object\n"
        "extract_lexicon_txt:\n"
        ".incbin \"src/extract/lexicon.txt\"\n"
        ".byte 0\n"
        ".size extract_lexicon_txt, . - extract_lexicon_txt\n"
        ".popsection\n");
