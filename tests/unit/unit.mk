# cmocka unit tests; each part of the engine adds its own in its fragment

