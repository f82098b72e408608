# KASSE_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer on everything,
# and any UB report aborts the process so a test cannot pass over it.
if(KASSE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
